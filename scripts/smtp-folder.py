#!/usr/bin/env python3
"""A real SMTP server for the tests (aiosmtpd): every message it accepts becomes one file in a folder.

usage: smtp-folder.py HOST PORT FOLDER
Each file is named <ns>-<uuid>.eml, holds the envelope recipients on its first line (X-Envelope-To:)
and then the message as received; it is written under a .tmp name and renamed, so a reader never sees half of one.
"""
import os
import signal
import sys
import time
import uuid

from aiosmtpd.controller import Controller


class FolderHandler:
    def __init__(self, folder):
        self.folder = folder

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}-{uuid.uuid4().hex}.eml"
        temporary = os.path.join(self.folder, name + ".tmp")
        with open(temporary, "wb") as out:
            out.write(b"X-Envelope-To: " + ", ".join(envelope.rcpt_tos).encode() + b"\r\n")
            out.write(envelope.original_content or envelope.content)
        os.rename(temporary, os.path.join(self.folder, name))
        return "250 Message accepted for delivery"


def main():
    host, port, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(FolderHandler(folder), hostname=host, port=port)
    controller.start()
    print(f"smtp listening on {host}:{port}, writing to {folder}", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    main()
