"""The build's progress bar: documents done, documents per second, time elapsed (the CLI's, in every mode)."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text


class DocsPerSecond(ProgressColumn):
    """Documents per second since the build began. Not rich's recent-window speed: workers hand documents
    back in bursts (each waits for those before it), and a burst read as a rate said 200 docs/s."""

    def render(self, task: Task) -> Text:
        if not task.elapsed or not task.completed:
            return Text("… docs/s", style="progress.data.speed")
        return Text(f"{task.completed / task.elapsed:.1f} docs/s", style="progress.data.speed")


def build_progress(console: Console) -> Progress:
    return Progress(TextColumn("{task.description}"), TextColumn("[dim]{task.fields[mode]}[/dim]"), BarColumn(),
                    MofNCompleteColumn(), DocsPerSecond(), TimeElapsedColumn(), console=console)
