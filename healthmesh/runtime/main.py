"""`python -m <service>` and `healthmesh serve <service>` start a service through here."""

from __future__ import annotations

import argparse
from typing import Callable

from healthmesh.runtime.config import ServiceConfig, add_common_flags, config_from_args
from healthmesh.runtime.logs import configure_logging
from healthmesh.runtime.server import AgentService, run


def service_main(name: str, factory: Callable[[ServiceConfig], AgentService],
                 argv: list[str] | None = None,
                 add_flags: Callable[[argparse.ArgumentParser], None] | None = None) -> None:
    parser = argparse.ArgumentParser(prog=f"healthmesh serve {name}", description=f"Run the {name} service.")
    add_common_flags(parser, name)
    if add_flags:
        add_flags(parser)
    args = parser.parse_args(argv)
    config = config_from_args(name, args)
    config.extra.update({k: v for k, v in vars(args).items() if v is not None and isinstance(v, (str, int, float, bool))})
    configure_logging(name, config.log_level)
    run(factory(config))
