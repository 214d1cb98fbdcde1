# zhitu — the README's two commands:
#   make demo   install what is missing, build, import the bundled data, serve the map
#   make test   the same set-up, then every test (unit, integration, browser, fuzz)
BUILD      ?= build
ZHITU_DB   ?= var/zhitu.db
ZHITU_PORT ?= 8080
JOBS       ?= $(shell nproc)

DATA_FILES := $(sort $(wildcard data/heritage/*.csv data/rail/*.csv data/admin/*.geojson \
                               data/gazetteer/*.csv data/atlas/*.csv))
DATA_META  := $(addsuffix .meta.json,$(DATA_FILES))
WEB_SRC    := $(shell find web/src web/index.html web/vite.config.* web/package.json -type f 2>/dev/null)

.PHONY: demo test deps test-deps build web data serve unit web-test fuzz data-check clean

demo: deps build web data
	$(BUILD)/zhitu serve --db $(ZHITU_DB) --port $(ZHITU_PORT)

test: deps test-deps build web data unit web-test fuzz data-check
	@echo "make test: all suites passed"

deps:
	@scripts/install_deps.sh

test-deps:
	@scripts/install_deps.sh --test

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j$(JOBS)

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

web: web/dist/index.html

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SRC)
	cd web && npm run build

# The store is rebuilt when the data or the binary changed, into a temporary file that
# replaces the old one only when the import succeeded.
data: build $(ZHITU_DB)

$(BUILD)/zhitu: ;

$(ZHITU_DB): $(DATA_FILES) $(DATA_META) $(BUILD)/zhitu
	@mkdir -p $(dir $@)
	rm -f $@.new $@.new-wal $@.new-shm
	$(BUILD)/zhitu import --db $@.new $(DATA_FILES)
	mv $@.new $@

unit:
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

web-test: web data
	scripts/run_web_tests.sh $(BUILD)/zhitu $(ZHITU_DB)

# data/ is what scripts/build_data.py makes from ../shared/data (skipped, visibly, without it);
# the hand-curated themes are checked against the bundled admin units and rail feed.
data-check:
	scripts/check_data.sh
	python3 scripts/check_themes.py

fuzz:
	FUZZ_SECONDS=$${FUZZ_SECONDS:-15} tests/fuzz/run.sh

clean:
	rm -rf $(BUILD) build-fuzz web/dist var
