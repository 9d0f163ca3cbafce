# Two entry points (see README): `make up` starts the mesh, `make test` runs the tests.
# Both set everything up first; every step is skipped when its output is newer than its inputs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KB_INPUTS := $(shell find knowledge -type f -not -path '*/__pycache__/*' 2>/dev/null)
PROTOS := $(wildcard protos/healthmesh/v1/*.proto)
PYTEST_ARGS ?=
# torch is only for `healthmesh model export`. This machine's pip finds its CPU build on local disk;
# elsewhere pass the PyTorch CPU wheel index here (never let pip pick a CUDA build).
TORCH_PIP_ARGS ?=

.PHONY: setup up test protos kb model baseline clean

setup: $(VENV)/.installed build/healthmesh.pb build/kb/current build/model/manifest.json

up: setup
	$(BIN)/healthmesh up

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

$(VENV)/.installed: pyproject.toml requirements.lock
	@echo "==> creating $(VENV) and installing locked dependencies (first run: a few minutes)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check $(TORCH_PIP_ARGS) "$$(grep '^torch==' requirements.lock)"
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev,export]'
	touch $@

protos: build/healthmesh.pb
build/healthmesh.pb: $(VENV)/.installed $(PROTOS) buf.yaml scripts/build_protos.py
	@echo "==> buf lint, buf breaking against the committed baseline, code generation"
	$(BIN)/buf lint
	$(BIN)/buf breaking --against protos/baseline/healthmesh-v1.binpb
	$(BIN)/python scripts/build_protos.py

# Run after an intended, reviewed contract change that only adds fields.
baseline: $(VENV)/.installed
	$(BIN)/buf build -o protos/baseline/healthmesh-v1.binpb

kb: build/kb/current
build/kb/current: $(VENV)/.installed $(KB_INPUTS)
	@echo "==> building the knowledge base"
	$(BIN)/healthmesh kb build

model: build/model/manifest.json
build/model/manifest.json: $(VENV)/.installed healthmesh/model/export.py symptom_classifier/encoder.py
	@echo "==> exporting the sentence encoder to ONNX (fp32 and int8), checked against PyTorch"
	$(BIN)/healthmesh model export

clean:
	rm -rf build .healthmesh
