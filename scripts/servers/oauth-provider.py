#!/usr/bin/env python3
"""A small OAuth 2.0 provider for learnmail's integration tests (loopback, HTTPS with the test CA).

Endpoints (all POST, application/x-www-form-urlencoded, JSON answers):
  /device      RFC 8628 §3.1 device authorization: device_code, user_code, verification_uri, interval 1 s
  /token       RFC 6749 token endpoint: device_code, refresh_token and client_credentials grants;
               short-lived access tokens (--access-ttl seconds), refresh tokens rotated on every use
  /introspect  RFC 7662: {"active": true, "username": ...} for a live access token (Dovecot's oauth2 passdb)
  /revoke      RFC 7009: revokes a refresh token (and the access tokens issued from it) or an access token
Test controls:
  /approve     user_code, username: the user entered the code and consented
  /deny        user_code: the user declined
  /revoke-user username: every refresh and access token of that user is revoked
  GET /stats   counts of what was issued, refused and introspected (never a token)
Clients: learnmail-test (public, device grant), learnmail-app (secret app-secret, client credentials for
the account "learning"). Nothing is persisted: a restart forgets every token.
"""
import argparse
import json
import secrets
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

CLIENTS = {
    "learnmail-test": {"secret": None, "app_user": None},
    "learnmail-app": {"secret": "app-secret", "app_user": "learning"},
}

lock = threading.Lock()
devices = {}  # device_code -> {user_code, client, scope, expires, approved_user, denied, last_poll}
refresh_tokens = {}  # refresh token -> {username, client, scope, revoked}
access_tokens = {}  # access token -> {username, scope, expires, refresh}
stats = {"device": 0, "issued_access": 0, "refreshes": 0, "client_credentials": 0, "refused": 0,
         "introspected": 0, "introspected_active": 0, "slow_down": 0, "revoked": 0}
ACCESS_TTL = 4


def issue(username, client, scope, refresh_parent=None, with_refresh=True):
    access = "at-" + secrets.token_urlsafe(24)
    answer = {"access_token": access, "token_type": "Bearer", "expires_in": ACCESS_TTL, "scope": scope}
    refresh = None
    if with_refresh:
        refresh = "rt-" + secrets.token_urlsafe(24)
        refresh_tokens[refresh] = {"username": username, "client": client, "scope": scope, "revoked": False}
        answer["refresh_token"] = refresh
    access_tokens[access] = {"username": username, "scope": scope, "expires": time.time() + ACCESS_TTL,
                             "refresh": refresh}
    stats["issued_access"] += 1
    return answer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # one line per request, without bodies (they hold tokens)
        sys.stderr.write("%s %s\n" % (self.command, self.path))

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def error(self, code, description="", status=400):
        stats["refused"] += 1
        self.answer(status, {"error": code, "error_description": description})

    def do_GET(self):
        if self.path == "/stats":
            with lock:
                self.answer(200, dict(stats))
        else:
            self.answer(404, {"error": "not_found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode(), keep_blank_values=True).items()}
        routes = {"/device": self.device, "/token": self.token, "/introspect": self.introspect,
                  "/revoke": self.revoke, "/approve": self.approve, "/deny": self.deny,
                  "/revoke-user": self.revoke_user}
        if self.path == "/stats":  # POST too, for clients that only post
            with lock:
                return self.answer(200, dict(stats))
        route = routes.get(self.path)
        if route is None:
            return self.answer(404, {"error": "not_found"})
        with lock:
            route(form)

    def client(self, form, need_secret):
        client = CLIENTS.get(form.get("client_id", ""))
        if client is None:
            self.error("invalid_client", "unknown client_id", 401)
            return None
        if client["secret"] is not None and (need_secret or "client_secret" in form) \
                and form.get("client_secret") != client["secret"]:
            self.error("invalid_client", "client authentication failed", 401)
            return None
        return client

    def device(self, form):
        if self.client(form, False) is None:
            return
        code = "dc-" + secrets.token_urlsafe(16)
        user_code = secrets.token_hex(4).upper()
        devices[code] = {"user_code": user_code, "client": form["client_id"], "scope": form.get("scope", ""),
                         "expires": time.time() + 120, "approved_user": None, "denied": False, "last_poll": 0.0}
        stats["device"] += 1
        port = self.server.server_address[1]
        self.answer(200, {"device_code": code, "user_code": user_code,
                          "verification_uri": "https://127.0.0.1:%d/activate" % port,
                          "expires_in": 120, "interval": 1})

    def token(self, form):
        grant = form.get("grant_type", "")
        if grant == "urn:ietf:params:oauth:grant-type:device_code":
            if self.client(form, False) is None:
                return
            entry = devices.get(form.get("device_code", ""))
            if entry is None:
                return self.error("invalid_grant", "unknown device code")
            now = time.time()
            if now > entry["expires"]:
                return self.error("expired_token", "the device code expired")
            if entry["denied"]:
                return self.error("access_denied", "the user declined")
            if now - entry["last_poll"] < 0.5:  # faster than the interval allows
                stats["slow_down"] += 1
                entry["last_poll"] = now
                return self.error("slow_down", "poll less often")
            entry["last_poll"] = now
            if entry["approved_user"] is None:
                return self.error("authorization_pending", "waiting for the user")
            del devices[form["device_code"]]
            return self.answer(200, issue(entry["approved_user"], entry["client"], entry["scope"]))
        if grant == "refresh_token":
            if self.client(form, False) is None:
                return
            old = form.get("refresh_token", "")
            entry = refresh_tokens.get(old)
            if entry is None or entry["revoked"]:
                return self.error("invalid_grant", "AADSTS70000: the refresh token was revoked or has expired")
            entry["revoked"] = True  # rotation: a refresh token works once
            stats["refreshes"] += 1
            return self.answer(200, issue(entry["username"], entry["client"], entry["scope"]))
        if grant == "client_credentials":
            client = self.client(form, True)
            if client is None:
                return
            if client["app_user"] is None:
                return self.error("unauthorized_client", "this client may not use client credentials")
            stats["client_credentials"] += 1
            return self.answer(200, issue(client["app_user"], form["client_id"], form.get("scope", ""),
                                          with_refresh=False))
        self.error("unsupported_grant_type", grant)

    def introspect(self, form):
        stats["introspected"] += 1
        entry = access_tokens.get(form.get("token", ""))
        live = entry is not None and time.time() < entry["expires"] and \
            (entry["refresh"] is None or not refresh_tokens.get(entry["refresh"], {}).get("gone", False))
        if not live:
            return self.answer(200, {"active": False})
        stats["introspected_active"] += 1
        self.answer(200, {"active": True, "username": entry["username"], "scope": entry["scope"],
                          "exp": int(entry["expires"]), "token_type": "Bearer"})

    def revoke(self, form):
        token = form.get("token", "")
        if token in refresh_tokens:
            refresh_tokens[token]["revoked"] = True
            refresh_tokens[token]["gone"] = True
            for access in [a for a, e in access_tokens.items() if e["refresh"] == token]:
                del access_tokens[access]
        access_tokens.pop(token, None)
        stats["revoked"] += 1
        self.answer(200, {})

    def revoke_user(self, form):
        """Test control: the user (or an admin) withdrew every sign-in of `username`."""
        username = form.get("username", "")
        for entry in refresh_tokens.values():
            if entry["username"] == username:
                entry["revoked"] = True
                entry["gone"] = True
        for access in [a for a, e in access_tokens.items() if e["username"] == username]:
            del access_tokens[access]
        stats["revoked"] += 1
        self.answer(200, {})

    def approve(self, form):
        for entry in devices.values():
            if entry["user_code"] == form.get("user_code"):
                entry["approved_user"] = form.get("username", "learning")
                return self.answer(200, {"approved": True})
        self.answer(404, {"error": "unknown user_code"})

    def deny(self, form):
        for entry in devices.values():
            if entry["user_code"] == form.get("user_code"):
                entry["denied"] = True
                return self.answer(200, {"denied": True})
        self.answer(404, {"error": "unknown user_code"})


def main():
    global ACCESS_TTL
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--access-ttl", type=int, default=4)
    args = parser.parse_args()
    ACCESS_TTL = args.access_ttl
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
