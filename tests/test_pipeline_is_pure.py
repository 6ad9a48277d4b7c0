import subprocess
import sys

from tests.conftest import ROOT


def test_extraction_imports_without_django():
    code = (
        "import sys, archive.extraction as x; "
        "x.extract('Tiêu đề\\n\\nNội dung.', name='a.txt'); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'django'); "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
