#!/usr/bin/env python3
"""What one durable journal append costs on this disk (issue 19): N writes of a ledger batch's size, each made durable
before the next, four ways: appending with fsync, appending with fdatasync (what LedgerJournal does), overwriting a
preallocated (zero-filled) file with fdatasync (what PostgreSQL's WAL does), and overwriting posix_fallocate'd space.

    python3 bench/journal/fsync.py [--writes 2000] [--bytes 4500] [--path /var/tmp/datagateway-fsync-test]
"""
import argparse
import os
import time

parser = argparse.ArgumentParser()
parser.add_argument("--writes", type=int, default=2000)
parser.add_argument("--bytes", type=int, default=4500, help="one batch of ~7 records as JSON lines")
parser.add_argument("--path", default="/var/tmp/datagateway-fsync-test")
args = parser.parse_args()
payload = b"x" * args.bytes


def append(sync):
    fd = os.open(args.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND)
    for _ in range(args.writes):
        os.write(fd, payload)
        sync(fd)
    os.close(fd)


def overwrite(prepare):
    fd = os.open(args.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    prepare(fd, args.writes * args.bytes + (1 << 20))
    os.fsync(fd)
    for i in range(args.writes):
        os.pwrite(fd, payload, i * args.bytes)
        os.fdatasync(fd)
    os.close(fd)


def zero_fill(fd, size):
    chunk = b"\0" * (1 << 20)
    for _ in range(size // len(chunk) + 1):
        os.write(fd, chunk)


ways = {
    "append + fsync": lambda: append(os.fsync),
    "append + fdatasync": lambda: append(os.fdatasync),
    "preallocated (zeros) + fdatasync": lambda: overwrite(zero_fill),
    "posix_fallocate + fdatasync": lambda: overwrite(lambda fd, size: os.posix_fallocate(fd, 0, size)),
}
try:
    for name, run in ways.items():
        started = time.perf_counter()
        run()
        print(f"{name}: {(time.perf_counter() - started) / args.writes * 1e6:.0f} µs a write")
finally:
    if os.path.exists(args.path):
        os.remove(args.path)
