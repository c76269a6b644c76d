"""A plain launch is read without the full parser, and means what the full parser reads."""

from __future__ import annotations

import pytest

from inspector_app.cli import build_parser, plain_launch


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--data-dir", "/tmp/d"],
        ["--data-dir=/tmp/d", "--lang", "en"],
        ["--lang=zh_CN", "--data-dir", "~/data"],
        ["--data-dir", "/a", "--data-dir", "/b"],
    ],
)
def test_plain_launch_reads_as_the_full_parser(argv: list[str]) -> None:
    assert plain_launch(argv) == build_parser().parse_args(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["--data-dir", "/tmp/d", "demo"],
        ["-h"],
        ["--data", "/tmp/d"],  # an abbreviation: argparse's to accept
        ["--data-dir"],
        ["--data-dir", "--lang", "en"],
        ["--lang", "fr"],
        ["--verbose"],
    ],
)
def test_everything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert plain_launch(argv) is None
