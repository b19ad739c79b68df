#!/usr/bin/env python3
# task_ends.py -- both ends of the classic worker: a PUSH that hands out
# tasks (the ventilator) and a SUB that collects the results (the sink),
# for a worker such as
#     zmqcat -s PULL:connect:PUSH_EP -s PUB:connect:SUB_EP \
#            -r 'pull:pub,format=TOPIC Processed: %s'
#
# usage: task_ends.py PUSH_EP SUB_EP TOPIC COUNT [TIMEOUT_S]
#
# Binds the PUSH to PUSH_EP and the SUB (subscribed to TOPIC only) to
# SUB_EP and prints "task_ends: push bound EP" and "task_ends: sub bound
# EP" on stderr. A PUB drops what it sends before its subscriber's
# subscription has reached it, so it first sends b"warmup-1", b"warmup-2",
# ... one at a time, each given 100 ms, until a result for one of them
# comes back; from then on the path is open. Then it sends COUNT tasks
# b"task-1".. and expects, in order, exactly b"TOPIC Processed: task-N"
# for each (late warm-up results are skipped), printing each result on
# stdout. Exits 0 when all came right, 1 on a wrong result or after
# TIMEOUT_S seconds (default 10) without progress.
import sys
import time

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main(argv):
    push_ep, sub_ep, topic, count, timeout = peer.args(
        argv, "PUSH_EP SUB_EP TOPIC COUNT [TIMEOUT_S]",
        str, str, str, int, (float, 10.0))
    warm = f"{topic} Processed: warmup-".encode()
    p = peer.Peer("task_ends", timeout)
    push = p.socket(zmq.PUSH, wait=True)
    p.bind(push, push_ep)
    sub = p.socket(zmq.SUB, wait=True, subscribe=topic.encode())
    p.bind(sub, sub_ep)

    try:
        end = time.monotonic() + timeout
        k = 0
        while True:
            if time.monotonic() > end:
                raise zmq.Again()
            k += 1
            push.send(b"warmup-%d" % k)
            if sub.poll(100) and sub.recv().startswith(warm):
                break
        for n in range(1, count + 1):
            push.send(b"task-%d" % n)
        n = 1
        while n <= count:
            result = sub.recv()
            if result.startswith(warm):
                continue
            print(result.decode(errors="replace"))
            want = f"{topic} Processed: task-{n}".encode()
            if result != want:
                p.fail(f"got {result!r}, want {want!r}")
                break
            n += 1
    except zmq.Again:
        p.fail(f"no progress within {timeout} s")
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
