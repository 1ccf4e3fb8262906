"""The build's progress bar: documents done, documents per second, time elapsed (the CLI's, in every mode)."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text


class DocsPerSecond(ProgressColumn):
    """Documents per second: rich's recent-window speed once it has one, else the average so far."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        if speed is None and task.elapsed:
            speed = task.completed / task.elapsed
        return Text("… docs/s" if speed is None else f"{speed:.1f} docs/s", style="progress.data.speed")


def build_progress(console: Console) -> Progress:
    return Progress(TextColumn("{task.description}"), TextColumn("[dim]{task.fields[mode]}[/dim]"), BarColumn(),
                    MofNCompleteColumn(), DocsPerSecond(), TimeElapsedColumn(), console=console)
