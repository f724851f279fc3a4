#!/usr/bin/python3
"""A mail relay for Juchu's tests that behaves as Rakuten's does: STARTTLS required before AUTH,
AUTH required before MAIL, the envelope sender checked against the shop's registered addresses
(552 5.2.0 sender rejected otherwise). Each accepted message is written to OUT/N.eml with its
envelope in OUT/N.json. Recipients whose local part starts with `tempfail` get 450, `permfail`
550, `unregistered` 552 (a Bcc RMS has not registered); `dropafterdata` has the connection closed
after the message, before the answer; `reject500` gets 500 after the message; `stall` is never
answered after the message (a relay that hangs).

Usage: smtp-relay.py PORT CERT KEY OUT USER PASSWORD ALLOWED_SENDER[,...] LOG [no-starttls]
(no-starttls: a relay that offers no STARTTLS, which Juchu must refuse). LOG gets aiosmtpd's log,
every command and reply, for a failed test to show.
Writes OUT/READY when it listens, and runs until it is killed. No pipes: a pipe's
end inherited by another child of the test process would keep it from ever seeing EOF.
"""
import asyncio, json, logging, os, ssl, sys, threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, SMTP

port, cert, key, out, user, password, allowed, log = sys.argv[1:9]
offers_tls = "no-starttls" not in sys.argv[9:]
logging.basicConfig(filename=log, level=logging.DEBUG, format="%(asctime)s %(name)s %(levelname)s %(message)s")
allowed = set(allowed.split(","))
os.makedirs(out, exist_ok=True)
counter = [len([n for n in os.listdir(out) if n.endswith(".eml")])]


class Relay:
    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address not in allowed:
            return f"552 5.2.0 <{address}> sender rejected"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local.startswith("tempfail"):
            return "450 4.2.1 mailbox busy, try again later"
        if local.startswith("permfail"):
            return "550 5.1.1 no such user"
        if local.startswith("unregistered"):
            return f"552 5.2.0 <{address}> recipient rejected"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        locals_ = [r.split("@")[0] for r in envelope.rcpt_tos]
        if any(r.startswith("dropafterdata") for r in locals_):
            server.transport.abort()
            return "250 OK"
        if any(r.startswith("reject500") for r in locals_):
            return "500 5.0.0 message refused"
        if any(r.startswith("stall") for r in locals_):
            await asyncio.sleep(3600)
        counter[0] += 1
        name = os.path.join(out, str(counter[0]))
        with open(name + ".eml", "wb") as f:
            f.write(envelope.original_content)
        with open(name + ".json", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
        return "250 2.0.0 OK queued"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login.decode() == user and auth_data.password.decode() == password
    return AuthResult(success=ok, handled=False)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)


class RelayController(Controller):
    def factory(self):
        if not offers_tls:
            return SMTP(self.handler, authenticator=authenticate, auth_required=True, auth_require_tls=False, hostname="relay.test")
        return SMTP(self.handler, tls_context=context, require_starttls=True, authenticator=authenticate,
                    auth_required=True, auth_require_tls=True, hostname="relay.test")


controller = RelayController(Relay(), hostname="127.0.0.1", port=int(port))
controller.start()
with open(os.path.join(out, "READY"), "w") as f:
    f.write(str(os.getpid()))
threading.Event().wait()
