"""`mkdocs serve`'s builds without its HTTP server or file watcher, for tests/test_preview.py.

python tests/preview_driver.py MKDOCS_YML SITE_DIR once  -- the first build of `serve` (serve mode), then exit
python tests/preview_driver.py MKDOCS_YML SITE_DIR serve -- the first build, then one rebuild per line read on
    stdin, as the server's watcher would ask for it; after each, prints one JSON line: the plugin's preview
    messages ("Xem trước: ...") of that rebuild. After a line "wait" the rebuild's outputs (search index, feeds)
    are waited for before the line is printed; after any other line the next rebuild may interrupt them.

The builder is the one `mkdocs.commands.serve` makes (a new config per rebuild, `site_url` the server's
address); the plugin's `on_serve` receives a stand-in server and may replace its builder, as in `serve`. A
thread stands for the server's (the plugin then writes a rebuild's outputs in a thread, as in `serve`).
"""

from __future__ import annotations

import json
import logging
import sys
import threading

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


class Server:
    """What the plugin's `on_serve` uses of MkDocs' LiveReloadServer."""

    def __init__(self, builder):
        self.builder = builder

    def watch(self, path, func=None, *, recursive=True) -> None:
        pass


class Messages(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.preview: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "Xem trước" in message:
            self.preview.append(message)


def main(config_file: str, site_dir: str, mode: str) -> None:
    messages = Messages()
    logging.getLogger("mkdocs").addHandler(messages)
    logging.getLogger("mkdocs").setLevel(logging.INFO)

    def get_config():
        config = load_config(config_file=config_file, site_dir=site_dir)
        config.site_url = SERVE_URL
        return config

    def builder(config=None) -> None:
        build(config or get_config(), serve_url=SERVE_URL)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    builder(config)
    plugin = config.plugins["cchc"]
    try:
        if mode == "serve":
            server = config.plugins.on_serve(Server(builder), config=config, builder=builder)
            threading.Thread(target=threading.Event().wait, daemon=True).start()
            print(json.dumps(["sẵn sàng"]), flush=True)
            for line in sys.stdin:
                messages.preview = []
                server.builder()
                if line.strip() == "wait":
                    plugin.finish_outputs(stop=False)
                print(json.dumps(messages.preview, ensure_ascii=False), flush=True)
    finally:
        config.plugins.on_shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:4])
