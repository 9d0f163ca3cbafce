"""Test-made key material: a CA with server and client certificates, and a JWKS with signed JWTs.

Everything is generated per test run (nothing secret is committed): `make_tls_dir` writes the
folder layout healthmesh/runtime/tls.py and Envoy expect (ca.crt, server.crt/key, client.crt/key).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import time
from dataclasses import dataclass
from pathlib import Path

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "healthmesh tests"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _pem_key(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _issue(ca_key, ca_name: x509.Name, common_name: str, sans: list[x509.GeneralName],
           usage: x509.ObjectIdentifier) -> tuple[bytes, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(_name(common_name)).issuer_name(ca_name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName(sans), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM), _pem_key(key)


def make_ca(common_name: str = "healthmesh test CA"):
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(common_name)
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False,
                                         encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    return key, cert


def make_tls_dir(directory: Path, hosts: tuple[str, ...] = ("localhost", "127.0.0.1")) -> Path:
    """ca.crt, server.crt/key (for every host) and client.crt/key, all signed by a fresh CA."""
    directory.mkdir(parents=True, exist_ok=True)
    ca_key, ca_cert = make_ca()
    sans: list[x509.GeneralName] = []
    for host in hosts:
        try:
            sans.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            sans.append(x509.DNSName(host))
    server_crt, server_key = _issue(ca_key, ca_cert.subject, "healthmesh server", sans,
                                    ExtendedKeyUsageOID.SERVER_AUTH)
    client_crt, client_key = _issue(ca_key, ca_cert.subject, "healthmesh client",
                                    [x509.DNSName("healthmesh-client")], ExtendedKeyUsageOID.CLIENT_AUTH)
    files = {"ca.crt": ca_cert.public_bytes(serialization.Encoding.PEM), "server.crt": server_crt,
             "server.key": server_key, "client.crt": client_crt, "client.key": client_key}
    for name, data in files.items():
        (directory / name).write_bytes(data)
        (directory / name).chmod(0o600 if name.endswith(".key") else 0o644)
    return directory


@dataclass
class JwtIssuer:
    """An RSA key whose public half is published as a JWKS file, and tokens signed with it."""

    key: rsa.RSAPrivateKey
    kid: str = "healthmesh-test"
    issuer: str = "https://auth.healthmesh.test"
    audience: str = "healthmesh"

    @classmethod
    def generate(cls) -> "JwtIssuer":
        return cls(rsa.generate_private_key(public_exponent=65537, key_size=2048))

    def jwks(self) -> dict:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        public.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        return {"keys": [public]}

    def write_jwks(self, path: Path) -> Path:
        path.write_text(json.dumps(self.jwks()))
        return path

    def token(self, subject: str, lifetime_seconds: int = 600, **claims) -> str:
        now = int(time.time())
        payload = {"iss": self.issuer, "aud": self.audience, "sub": subject, "iat": now,
                   "exp": now + lifetime_seconds, **claims}
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": self.kid})
