"""`kommunelager web` and `kommunelager users ...`: the web page's commands, registered on the
project's one command line (orchestration/cli.py)."""

from __future__ import annotations

import argparse
import sys

from orchestration.settings import Settings

DEMO_USERS = (("controller", "controller", ()), ("analytiker", "analyst", ()), ("admin", "admin", ()))


def add_commands(sub) -> dict:
    p = sub.add_parser("web", help="serve the controllers' web page (gunicorn on KOMMUNELAGER_WEB_HOST:PORT)")
    p.add_argument("--host", help="default: KOMMUNELAGER_WEB_HOST or 127.0.0.1")
    p.add_argument("--port", type=int, help="default: KOMMUNELAGER_WEB_PORT or 8000")
    p.add_argument("--workers", type=int, default=2)
    p = sub.add_parser("users", help="the web page's users: list, add, set-role, set-areas, deactivate, activate")
    actions = p.add_subparsers(dest="users_action", required=True)
    actions.add_parser("list", help="every user with role, areas and whether active")
    a = actions.add_parser("add", help="add a user; prints a generated password unless --password-stdin")
    a.add_argument("username")
    a.add_argument("--role", required=True, choices=("controller", "analyst", "admin"))
    a.add_argument("--areas", default="", help="controller's areas, comma-separated (default: all)")
    a.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    for name, helptext in (("deactivate", "the user can no longer log in"), ("activate", "undo deactivate")):
        actions.add_parser(name, help=helptext).add_argument("username")
    a = actions.add_parser("set-role")
    a.add_argument("username")
    a.add_argument("role", choices=("controller", "analyst", "admin"))
    a = actions.add_parser("set-areas")
    a.add_argument("username")
    a.add_argument("areas", help="comma-separated; empty string = all areas")
    a = actions.add_parser("set-password", help="prints a generated password unless --password-stdin")
    a.add_argument("username")
    a.add_argument("--password-stdin", action="store_true")
    return {"web": cmd_web, "users": cmd_users}


def web_url(settings: Settings, host: str | None = None, port: int | None = None) -> str:
    return f"http://{host or settings.web_host}:{port or settings.web_port}{settings.web_path_prefix.rstrip('/')}/"


def cmd_web(args: argparse.Namespace, settings: Settings) -> int:
    from gunicorn.app.base import BaseApplication

    from web.bootstrap import migrate

    migrate()
    from web.config.wsgi import application

    host, port = args.host or settings.web_host, args.port or settings.web_port

    class Server(BaseApplication):
        def load_config(self):
            for key, value in {"bind": f"{host}:{port}", "workers": args.workers, "threads": 4,
                               "worker_class": "gthread", "accesslog": "-", "timeout": 120}.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    print(f"kommunelager web: {web_url(settings, host, port)}", flush=True)
    Server().run()
    return 0


def _password(args) -> str | None:
    return sys.stdin.readline().rstrip("\n") if getattr(args, "password_stdin", False) else None


def cmd_users(args: argparse.Namespace, settings: Settings) -> int:
    from web.bootstrap import migrate

    migrate()
    from django.contrib.auth import get_user_model

    from serving.reidentification import current_os_user  # noqa: I001
    from web.accounts.services import UserChangeError, change_user, create_user, generate_password

    actor = f"cli:{current_os_user()}"
    try:
        if args.users_action == "list":
            for user in get_user_model().objects.select_related("profile").order_by("username"):
                profile = getattr(user, "profile", None)
                print(f"{user.username:<20} {profile.role if profile else '-':<11} "
                      f"{','.join(profile.areas) if profile and profile.areas else 'alle':<30} "
                      f"{'aktiv' if user.is_active else 'deaktiveret'}")
        elif args.users_action == "add":
            areas = [a for a in args.areas.split(",") if a.strip()]
            user, password = create_user(args.username, args.role, areas, _password(args), actor=actor)
            print(f"added {user.username} ({args.role})" + ("" if args.password_stdin else f"; password: {password}"))
        elif args.users_action in ("deactivate", "activate"):
            change_user(args.username, actor=actor, active=args.users_action == "activate")
            print(f"{args.username}: {args.users_action}d")
        elif args.users_action == "set-role":
            change_user(args.username, actor=actor, role=args.role)
        elif args.users_action == "set-areas":
            change_user(args.username, actor=actor, areas=[a for a in args.areas.split(",") if a.strip()])
        elif args.users_action == "set-password":
            password = _password(args) or generate_password()
            change_user(args.username, actor=actor, password=password)
            print(f"{args.username}: password set" + ("" if args.password_stdin else f" to {password}"))
    except UserChangeError as error:
        print(f"users: {error}", file=sys.stderr)
        return 2
    return 0


def ensure_demo_users() -> list[tuple[str, str, str]]:
    """The demo's three users (controller, analyst, admin), each with a newly generated password;
    made in a child process configured for this installation (see web/subprocess_call.py)."""
    from web.subprocess_call import call

    return [tuple(user) for user in call("web.cli", {})["users"]]


def _make_demo_users() -> list[tuple[str, str, str]]:
    from web.bootstrap import migrate

    migrate()
    from django.contrib.auth import get_user_model

    from web.accounts.services import change_user, create_user, generate_password

    made = []
    for username, role, areas in DEMO_USERS:
        password = generate_password()
        if get_user_model().objects.filter(username=username).exists():
            change_user(username, actor="demo", role=role, active=True, password=password)
        else:
            create_user(username, role, areas, password, actor="demo")
        made.append((username, role, password))
    return made


def print_demo_access(settings: Settings) -> None:
    """The end of `make demo`: where the page is, how to start it, and who can log in."""
    print(f"\nthe controllers' web page: start it with `make web`, then open {web_url(settings)}")
    for username, role, password in ensure_demo_users():
        print(f"  {role:<11} user {username:<11} password {password}")
    print("  (new passwords at every demo run; manage users with `kommunelager users ...`)")


if __name__ == "__main__":  # the child process of ensure_demo_users
    import json

    json.dump({"users": _make_demo_users()}, sys.stdout)
