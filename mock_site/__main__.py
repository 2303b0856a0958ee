"""`python -m mock_site`: run the mock on a local port and print a few demo persons.

`--port-file PATH` (or `MOCK_PORT_FILE`) is the address channel meant for programs: once the
server listens, its base URL (`http://127.0.0.1:54321`, no trailing slash) is written there, in
one atomic rename, so a reader that sees the file reads the whole URL. The banner on standard
output is for people and may change.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from werkzeug.serving import make_server

from mock_site import create_app
from mock_site.adresse import VARIABLE, ecrire_adresse


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and serve the mock with Flask's development server."""
    parser = argparse.ArgumentParser(prog="python -m mock_site", description=__doc__)
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    parser.add_argument(
        "--demo-persons",
        type=int,
        default=3,
        help="demo persons to create in demo mode (default 3)",
    )
    parser.add_argument(
        "--port-file",
        type=Path,
        default=os.environ.get(VARIABLE) or None,
        help="write the base URL there once listening (default: $MOCK_PORT_FILE)",
    )
    args = parser.parse_args(argv)
    app = create_app()
    # Bind first, so that `--port 0` picks a free port and the printed URL is the real one.
    server = make_server(args.host, args.port, app, threaded=True)
    base = f"http://{args.host}:{server.server_port}"
    print(f"Mock ameli.fr en mode {app.config['MODE']} sur {base}/", flush=True)
    if app.config["TEST_DATA_API"] and args.demo_persons > 0:
        # Imported here only: the demo persons need Faker, which production mode never loads.
        from mock_site import demo

        print(demo.EN_TETE)
        for ligne in demo.creer_personnes_demo(app, args.demo_persons):
            print(f"  {ligne}")
        print(demo.REMISE_A_ZERO)
        print(f"Boîte mail de démonstration : {base}/messagerie?to=<adresse>")
    sys.stdout.flush()
    # Last: a program reading the port file may rely on the demo persons being stored.
    if args.port_file is not None:
        ecrire_adresse(args.port_file, base)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


if __name__ == "__main__":
    main()
