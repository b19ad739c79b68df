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


def main(argv):
    push_ep, sub_ep, topic, count = argv[1], argv[2], argv[3], int(argv[4])
    timeout = float(argv[5]) if len(argv) > 5 else 10.0
    sys.stdout.reconfigure(line_buffering=True)
    warm = f"{topic} Processed: warmup-".encode()

    context = zmq.Context()
    push = context.socket(zmq.PUSH)
    push.setsockopt(zmq.SNDTIMEO, int(timeout * 1000))
    push.setsockopt(zmq.LINGER, 0)
    push.bind(push_ep)
    sub = context.socket(zmq.SUB)
    sub.setsockopt(zmq.RCVTIMEO, int(timeout * 1000))
    sub.setsockopt(zmq.LINGER, 0)
    sub.setsockopt(zmq.SUBSCRIBE, topic.encode())
    sub.bind(sub_ep)
    for name, sock in (("push", push), ("sub", sub)):
        ep = sock.getsockopt_string(zmq.LAST_ENDPOINT)
        print(f"task_ends: {name} bound {ep}", file=sys.stderr, flush=True)

    status = 0
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
                print(f"task_ends: got {result!r}, want {want!r}",
                      file=sys.stderr, flush=True)
                status = 1
                break
            n += 1
    except zmq.Again:
        print(f"task_ends: no progress within {timeout} s",
              file=sys.stderr, flush=True)
        status = 1

    push.close()
    sub.close()
    context.term()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
