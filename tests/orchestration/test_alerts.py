"""Alerts arrive at a real SMTP server (aiosmtpd on localhost): right sender, subject and
recipient, CPR numbers masked, login and STARTTLS as configured; failed freshness checks alert."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
from email import message_from_bytes, policy
from pathlib import Path

import dagster as dg
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from orchestration.alerts import AlertConfigError, send_alert
from orchestration.settings import load_settings

CPR = "6101804321"


class Sink:
    """Keeps every message the server accepts."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, envelope.rcpt_tos,
                              message_from_bytes(envelope.content, policy=policy.default), session.authenticated))
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=auth_data.login == b"kommune" and auth_data.password == b"s3cret")


def self_signed_localhost(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture
def smtp_env(tmp_path, monkeypatch):
    """Settings pointing at a local server; yields (sink, start) — start(**controller_kwargs)."""
    sink, controllers = Sink(), []
    monkeypatch.setenv("KOMMUNELAGER_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("KOMMUNELAGER_ALERT_WEBHOOK_URL", raising=False)
    monkeypatch.setenv("KOMMUNELAGER_ALERT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KOMMUNELAGER_ALERT_EMAIL_TO", "it-drift@kommune.example")
    monkeypatch.setenv("KOMMUNELAGER_ALERT_EMAIL_FROM", "kommunelager@kommune.example")

    def start(**kwargs) -> Controller:
        with socket.socket() as probe:  # a free port (aiosmtpd 1.4 cannot bind port 0)
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        controller = Controller(sink, hostname="127.0.0.1", port=port, server_hostname="localhost", **kwargs)
        controller.start()
        controllers.append(controller)
        monkeypatch.setenv("KOMMUNELAGER_ALERT_SMTP_PORT", str(port))
        return controller

    yield sink, start
    for controller in controllers:
        controller.stop()


def password_file(tmp_path: Path, mode: int = 0o600) -> Path:
    path = tmp_path / "smtp.password"
    path.write_text("s3cret\n")
    path.chmod(mode)
    return path


def test_mail_arrives_masked_with_sender_and_subject(smtp_env, monkeypatch):
    sink, start = smtp_env
    start()
    monkeypatch.setenv("KOMMUNELAGER_ALERT_SMTP_TLS", "none")
    used = send_alert(load_settings(), f"kommunelager: run failed for {CPR}", f"bad CPR {CPR[:6]}-{CPR[6:]} in line 3")
    assert used == ["log", "email"]
    ((mail_from, rcpt, message, _),) = sink.messages
    assert mail_from == "kommunelager@kommune.example" and rcpt == ["it-drift@kommune.example"]
    assert message["From"] == "kommunelager@kommune.example"
    assert message["Subject"] == "kommunelager: run failed for 610180-XXXX"
    assert message.get_content().strip() == "bad CPR 610180-XXXX in line 3"
    assert "4321" not in message.as_string()


def test_starttls_and_login_with_a_private_password_file(smtp_env, tmp_path, monkeypatch):
    sink, start = smtp_env
    cert, key = self_signed_localhost(tmp_path)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    start(tls_context=tls, require_starttls=True, authenticator=authenticator)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts our test certificate only
    monkeypatch.setenv("KOMMUNELAGER_ALERT_SMTP_TLS", "starttls")
    monkeypatch.setenv("KOMMUNELAGER_ALERT_SMTP_USER", "kommune")
    monkeypatch.setenv("KOMMUNELAGER_ALERT_SMTP_PASSWORD_FILE", str(password_file(tmp_path)))
    send_alert(load_settings(), "kommunelager: test", "hello")
    ((_, _, message, authenticated),) = sink.messages
    assert authenticated and message["Subject"] == "kommunelager: test"


def test_a_password_file_others_can_read_is_refused(smtp_env, tmp_path, monkeypatch):
    sink, start = smtp_env
    start(authenticator=authenticator, auth_require_tls=False)
    monkeypatch.setenv("KOMMUNELAGER_ALERT_SMTP_TLS", "none")
    monkeypatch.setenv("KOMMUNELAGER_ALERT_SMTP_USER", "kommune")
    monkeypatch.setenv("KOMMUNELAGER_ALERT_SMTP_PASSWORD_FILE", str(password_file(tmp_path, 0o644)))
    with pytest.raises(AlertConfigError, match="chmod 600"):
        send_alert(load_settings(), "s", "b")
    assert not sink.messages


def test_smtp_settings_defaults_and_modes(monkeypatch):
    for name in ("TLS", "PORT", "USER", "PASSWORD_FILE"):
        monkeypatch.delenv(f"KOMMUNELAGER_ALERT_SMTP_{name}", raising=False)
    monkeypatch.delenv("KOMMUNELAGER_ALERT_EMAIL_FROM", raising=False)
    s = load_settings()
    assert (s.alert_smtp_tls, s.alert_smtp_port, s.alert_smtp_user, s.alert_smtp_password_file,
            s.alert_email_from) == ("starttls", 587, None, None, "kommunelager@localhost")
    monkeypatch.setenv("KOMMUNELAGER_ALERT_SMTP_TLS", "ssl")
    assert load_settings().alert_smtp_port == 465
    monkeypatch.setenv("KOMMUNELAGER_ALERT_SMTP_TLS", "plain")
    with pytest.raises(ValueError, match="starttls, ssl, none"):
        load_settings()


def test_a_failed_freshness_check_sends_an_alert(smtp_env, monkeypatch):
    """Dagster's freshness check on an asset never updated fails; the alert sensor mails it."""
    from orchestration.defs.nightly.jobs import freshness_alert_sensor, freshness_checks

    sink, start = smtp_env
    start()
    monkeypatch.setenv("KOMMUNELAGER_ALERT_SMTP_TLS", "none")
    specs = [dg.AssetSpec(["landing", "delivery"]), dg.AssetSpec(["ops", "published_warehouse"])]
    job = dg.define_asset_job("freshness", selection=dg.AssetSelection.checks(*freshness_checks))
    defs = dg.Definitions(assets=specs, asset_checks=freshness_checks, jobs=[job])
    with dg.DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("freshness").execute_in_process(instance=instance)
        assert result.success  # a failed check does not fail the run: hence the sensor
        run = instance.get_run_by_id(result.run_id)
        context = dg.build_run_status_sensor_context(
            sensor_name="freshness_alert_sensor", dagster_instance=instance, dagster_run=run,
            dagster_event=result.get_run_success_event())
        freshness_alert_sensor(context)
    subjects = sorted(m["Subject"] for _, _, m, _ in sink.messages)
    assert subjects == ["kommunelager: landing/delivery is stale (no new delivery)",
                        "kommunelager: ops/published_warehouse is stale (no new delivery)"]
    assert "more than 36 hours ago" in sink.messages[0][2].get_content()
