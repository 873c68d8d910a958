# Build targets for PE Desktop. `make dist` builds the Linux one-folder bundle with
# PyInstaller in its own virtual environment and writes
# dist/pe-desktop-VERSION-linux-x86_64.tar.gz (failing if it grows more than 10%
# over packaging/size-budget.json). `make smoke` runs the frozen app's smoke test.
PYTHON ?= python3
BUILD_VENV := build/venv
VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' pe_desktop/__init__.py)
ARCH := $(shell uname -m)
TARBALL := dist/pe-desktop-$(VERSION)-linux-$(ARCH).tar.gz

.PHONY: dist smoke clean-dist

$(BUILD_VENV)/bin/pyinstaller:
	$(PYTHON) -m venv $(BUILD_VENV)
	$(BUILD_VENV)/bin/pip install -q . 'pyinstaller>=6.10,<7'

dist: $(BUILD_VENV)/bin/pyinstaller
	rm -rf build/pyinstaller build/frozen
	$(BUILD_VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
		--workpath build/pyinstaller --distpath build/frozen packaging/pe-desktop.spec
	mkdir -p dist
	tar -C build/frozen -czf $(TARBALL) pe-desktop
	$(BUILD_VENV)/bin/python packaging/check_size.py $(TARBALL) packaging/size-budget.json

smoke:
	bash packaging/smoke-test.sh build/frozen/pe-desktop

clean-dist:
	rm -rf build dist
