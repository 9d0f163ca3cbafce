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

.PHONY: setup up test protos kb model index screen baseline clean

setup: $(VENV)/.installed build/healthmesh.pb build/kb/current build/model/manifest.json build/model/index/.stamp \
	build/screen/manifest.json

up: setup
	$(BIN)/healthmesh up

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The benchmark suite (bench/README.md): about 6 minutes; results in bench/results/mesh.{json,md,*.png}.
# wrk (apt-get install wrk) drives the REST points when installed; a Python client otherwise.
BENCH_ARGS ?=
.PHONY: bench
bench: setup
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[bench]'
	@command -v wrk >/dev/null || echo "note: wrk not found; REST points use the Python client (apt-get install wrk)"
	$(BIN)/python -m bench.run $(BENCH_ARGS)

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

# The classifier's concept index for this knowledge base and model (otherwise built at its first start).
index: build/model/index/.stamp
build/model/index/.stamp: build/kb/current build/model/manifest.json symptom_classifier/lexicon.py
	@echo "==> embedding the knowledge base's concept phrases (the classifier's index)"
	$(BIN)/healthmesh model index
	touch $@

# The emergency detector's complaint screen, trained on the written cases cleared for development.
screen: build/screen/manifest.json
build/screen/manifest.json: $(VENV)/.installed $(wildcard eval/*.jsonl) emergency_detector/complaint_screen.py emergency_detector/train_screen.py
	@echo "==> training the complaint screen on eval/ (a few seconds)"
	$(BIN)/python -m emergency_detector.train_screen

clean:
	rm -rf build .healthmesh

# --- deployment (docker/, k8s/) ----------------------------------------------------------------------
IMAGE_REPO ?= ghcr.io/healthmesh
IMAGE_TAG ?= 0.1.0
SERVICE_IMAGES := gateway symptom-classifier emergency-detector condition-matcher treatment-retriever
.PHONY: images k8s

# Every image (needs a Docker engine): one target of docker/Dockerfile.service per service, and Envoy.
images:
	for target in $(SERVICE_IMAGES); do \
	  docker build -f docker/Dockerfile.service --target $$target -t $(IMAGE_REPO)/$$target:$(IMAGE_TAG) . || exit 1; \
	done
	docker build -f docker/Dockerfile.envoy -t $(IMAGE_REPO)/envoy:$(IMAGE_TAG) .

# Re-render k8s/ from scripts/render_k8s.py and write each overlay's objects to build/k8s-<overlay>.yaml.
k8s: $(VENV)/.installed
	$(BIN)/python scripts/render_k8s.py
	mkdir -p build
	for overlay in dev prod; do \
	  $(BIN)/python scripts/kustomize_lite.py k8s/overlays/$$overlay > build/k8s-$$overlay.yaml || exit 1; \
	done

# --- the REST description and the long bad-input runs ------------------------------------------------
.PHONY: openapi fuzz
# Regenerate docs/openapi.yaml from the protos (tests/test_openapi_sync.py fails when it is stale).
openapi: build/healthmesh.pb
	$(BIN)/python scripts/build_openapi.py

# 5,000 schemathesis cases through Envoy and 5,000 generated gRPC requests to the gateway.
FUZZ_CASES ?= 5000
fuzz: setup
	HEALTHMESH_FUZZ_CASES=$(FUZZ_CASES) $(BIN)/python -m pytest -s tests/test_bad_input_openapi.py tests/test_bad_input_grpc.py
