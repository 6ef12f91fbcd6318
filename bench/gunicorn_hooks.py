"""Gunicorn settings of the load bench: each worker notes where it imported ``consult`` from
(nothing for the bare app) in the file named by ``BENCH_IMPORTS``, so the bench can check
that a compared commit's own code is what runs."""

import os
import sys


def post_worker_init(worker):
    consult = sys.modules.get("consult")
    with open(os.environ["BENCH_IMPORTS"], "a") as imports:
        imports.write(f"{getattr(consult, '__file__', '')}\n")
