"""How benchmarks/bench.py times HTTP cells when the server stops answering in time."""
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench  # noqa: E402


class _Handler(BaseHTTPRequestHandler):
    served: dict[str, int] = {}

    def do_GET(self):  # noqa: N802 (the standard library's name)
        seen = self.served[self.path] = self.served.get(self.path, 0) + 1
        # /slow never answers in time; /slow-third answers all but its third request in time
        if self.path == "/slow" or (self.path == "/slow-third" and seen == 3):
            time.sleep(0.5)
        body = b"{}"
        try:
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as the benchmark does

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    _Handler.served = {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_cell_whose_first_request_gets_no_answer_is_recorded_as_no_answer_and_not_repeated(server):
    cell = bench.http_cell(f"{server}/slow", reps=5, max_seconds=10, timeout=0.2)
    assert cell["status"] == "timeout" and cell["n"] == 0
    assert _Handler.served["/slow"] == 1
    assert bench.left_work_behind(cell)
    assert bench._ms(cell) == "> 200 (no answer)"


def test_a_request_left_unanswered_within_a_cell_is_counted_and_shown(server):
    cell = bench.http_cell(f"{server}/slow-third", reps=4, max_seconds=10, timeout=0.2)
    assert cell["n"] == 4 and cell["unanswered"] == 1
    assert bench.left_work_behind(cell)
    assert bench._ms(cell).endswith("(1 of 4 unanswered)")


def test_a_cell_answered_in_time_leaves_nothing_behind(server):
    cell = bench.http_cell(f"{server}/fast", reps=3, max_seconds=10, timeout=2)
    assert cell["n"] == 3 and cell["status"] == 200 and "unanswered" not in cell
    assert not bench.left_work_behind(cell)
    assert "unanswered" not in bench._ms(cell)
