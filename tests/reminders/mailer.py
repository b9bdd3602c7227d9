"""An email backend for the queue tests' worker processes: one line per message in $OUTBOX.

``$MAIL_MODE=slow`` takes a moment over each message, so that workers overlap; ``block`` writes
``$SENDING_MARK`` and never returns, so that a test can kill the worker in the middle of a send.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class RecordingBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        mode = os.environ.get("MAIL_MODE", "")
        for message in email_messages:
            if mode == "block":
                Path(os.environ["SENDING_MARK"]).touch()
                time.sleep(600)
            if mode == "slow":
                time.sleep(0.3)
            with open(os.environ["OUTBOX"], "a", encoding="utf-8") as outbox:
                outbox.write(f"{message.to[0]}\t{message.subject}\n")
        return len(email_messages)
