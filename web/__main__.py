"""`python -m web [web|users ...]`: the same commands as `kommunelager web` and `kommunelager users`."""

import argparse
import sys

from orchestration.settings import load_settings
from web.cli import add_commands


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m web")
    handlers = add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return handlers[args.command](args, load_settings())


if __name__ == "__main__":
    sys.exit(main())
