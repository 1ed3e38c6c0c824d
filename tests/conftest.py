"""pytest options and process set-up for the notebook test wrapper."""
import os

import pytest
import torch

# All notebooks run in this one process. Without a GPU, Triton kernels run in its CPU interpreter, which must be
# chosen before `triton` is first imported (recent PyTorch imports it during ordinary CPU work in earlier notebooks):
# the library's one switch decides, imported before anything else.
import llm_scratch.kernels.interpret  # noqa: F401
THREADS = torch.get_num_threads()


def pytest_addoption(parser):
    parser.addoption("--flags", action="store", default="",
                     help="space-separated test flags to run as well (e.g. 'slow' or 'slow cuda'); "
                          "by default every flag in settings.ini's tst_flags is skipped, as nbdev_test does")



@pytest.fixture(autouse=True)
def fresh_torch_globals():
    "Every notebook starts from PyTorch's default process-wide switches, whatever an earlier notebook set."
    yield
    for enable in (torch.backends.cuda.enable_flash_sdp, torch.backends.cuda.enable_mem_efficient_sdp,
                   torch.backends.cuda.enable_math_sdp, torch.backends.cuda.enable_cudnn_sdp):
        enable(True)
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = True
    torch.set_num_threads(THREADS)
