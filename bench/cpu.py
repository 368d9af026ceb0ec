"""CPU time of a benchmark's work: this process and, on PostgreSQL, the server backend serving it.

On a shared machine the wall time of a request grows with everyone else's load; its CPU time much
less. Read from /proc (the server on this host, Linux); a parallel worker's share is not counted.
"""
from __future__ import annotations

import os
import time
from pathlib import Path


class Cpu:
    """``cpu()`` → CPU seconds used so far by this process (+ its PostgreSQL backend, if any)."""

    def __init__(self):
        from django.db import connection

        self.stat = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")

    def __call__(self) -> float:
        if self.stat is None:
            return time.process_time()
        try:
            fields = self.stat.read_text().rsplit(")", 1)[1].split()
            backend = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            backend = float("nan")
        return time.process_time() + backend
