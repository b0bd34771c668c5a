# slow_smtp.py: an SMTP server for the test that kills the mail sender mid-batch: it keeps
# each message in a Maildir, as aiosmtpd's Mailbox handler does, but takes DELAY seconds
# before it answers, so that the sender is caught with a mail in flight.
# Usage: python3 slow_smtp.py PORT MAILDIR DELAY
import asyncio
import mailbox
import signal
import sys

from aiosmtpd.controller import Controller


class SlowMailbox:
    def __init__(self, path, delay):
        self.box = mailbox.Maildir(path)
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        self.box.add(envelope.original_content or envelope.content)
        await asyncio.sleep(self.delay)
        return "250 OK"


port, path, delay = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
controller = Controller(SlowMailbox(path, delay), hostname="127.0.0.1", port=port)
controller.start()
signal.sigwait({signal.SIGTERM, signal.SIGINT})
controller.stop()
