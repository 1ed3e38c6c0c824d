"""pytest options and process set-up for the notebook test wrapper."""
import os

import torch

# All notebooks run in this one process. Without a GPU, Triton kernels run in its CPU interpreter, which must be
# chosen before `triton` is first imported (recent PyTorch imports it during ordinary CPU work in earlier notebooks).
if not torch.cuda.is_available(): os.environ.setdefault("TRITON_INTERPRET", "1")


def pytest_addoption(parser):
    parser.addoption("--flags", action="store", default="",
                     help="space-separated test flags to run as well (e.g. 'slow' or 'slow cuda'); "
                          "by default every flag in settings.ini's tst_flags is skipped, as nbdev_test does")
