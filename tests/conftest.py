"""pytest options and process set-up for the notebook test wrapper."""
import pytest
import torch

# All notebooks run in this one process. Without a GPU, Triton kernels run in its CPU interpreter, which must be
# chosen before `triton` is first imported (recent PyTorch imports it during ordinary CPU work in earlier notebooks):
# the library's one switch decides, imported before anything else.
import llm_scratch.kernels.interpret  # noqa: F401


def pytest_addoption(parser):
    parser.addoption("--flags", action="store", default="",
                     help="space-separated test flags to run as well (e.g. 'slow' or 'slow cuda'); "
                          "by default every flag in settings.ini's tst_flags is skipped, as nbdev_test does")


def _switches() -> dict:
    "PyTorch's process-wide switches that library code may change only inside a scope it restores."
    b = torch.backends
    return {"threads": torch.get_num_threads(), "matmul tf32": b.cuda.matmul.allow_tf32, "cudnn tf32": b.cudnn.allow_tf32,
            "flash sdp": b.cuda.flash_sdp_enabled(), "cudnn sdp": b.cuda.cudnn_sdp_enabled(),
            "mem-efficient sdp": b.cuda.mem_efficient_sdp_enabled(), "math sdp": b.cuda.math_sdp_enabled()}


@pytest.fixture(autouse=True)
def switches_left_alone():
    "Fail a notebook that leaves a process-wide switch changed (the library scopes them; nothing here undoes them)."
    before = _switches()
    yield
    changed = {k: (v, _switches()[k]) for k, v in before.items() if _switches()[k] != v}
    assert not changed, f"process-wide switches left changed (before, after): {changed}"
