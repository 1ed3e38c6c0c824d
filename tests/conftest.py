"""pytest options for the notebook test wrapper."""
def pytest_addoption(parser):
    parser.addoption("--flags", action="store", default="",
                     help="space-separated test flags to run as well (e.g. 'slow' or 'slow cuda'); "
                          "by default every flag in settings.ini's tst_flags is skipped, as nbdev_test does")
