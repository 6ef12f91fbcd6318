"""What the board asks the results page for, read from its query arguments and checked
against the consultation: a group to narrow to, a split, a weighting, intervals, a report."""

from dataclasses import dataclass

from flask_babel import gettext as _

from consult.results.groups import CHANNEL, Group
from consult.results.queries import split_by_channel
from consult.surveys.models.responses import CHANNEL_LABELS


@dataclass(frozen=True)
class ResultsQuery:
    """The results page's choices; anything not this organisation's or not allowed is none.

    A group (``channel=`` or ``segment=``) cancels splits and weights: those are over all
    respondents (see ``results.disclosure``). While groups are held back (a running anonymous
    consultation, ``results.running``) there is no group, split or weighting at all.
    """

    channels: dict[str, int]  #: responses per channel (``queries.respondents_per_channel``)
    dimensions: list  #: the organisation's segment dimensions
    group: Group | None = None  #: narrow every figure to this group
    by_channel: bool = False  #: split the figures by channel (``by=channel``)
    dimension: object | None = None  #: split the figures by this dimension (``by=<id>``)
    weighing: object | None = None  #: weigh the figures by this dimension (``weigh=<id>``)
    show_intervals: bool = False  #: ``intervals=1``
    report: bool = False  #: ``print=1``: the figures as a report to print
    held_back: bool = False  #: groups wait until the consultation closes

    @classmethod
    def from_args(
        cls, args, channels: dict[str, int], dimensions, held_back: bool = False
    ) -> "ResultsQuery":
        """The choices in ``args`` (the request's query arguments) that apply here.

        :param held_back: offer no groups, splits or weighting (``results.running``).
        """
        if held_back:
            return cls(
                channels,
                [],
                show_intervals=args.get("intervals") == "1",
                report=args.get("print") == "1",
                held_back=True,
            )
        group = _chosen_group(args, channels, dimensions)
        split = {
            "by_channel": args.get("by") == CHANNEL and split_by_channel(channels),
            "dimension": _dimension(dimensions, args.get("by")),
            "weighing": _dimension(dimensions, args.get("weigh")),
        }
        return cls(
            channels,
            dimensions,
            group,
            **({} if group else split),
            show_intervals=args.get("intervals") == "1",
            report=args.get("print") == "1",
        )

    @property
    def splittable(self) -> bool:
        """Whether the channels may be shown apart at all."""
        return not self.held_back and split_by_channel(self.channels)

    @property
    def split(self) -> bool:
        return self.dimension is not None or self.by_channel

    def split_name(self) -> str | None:
        """What the figures are split by, for the page; None when they are not."""
        if self.dimension is not None:
            return self.dimension.name
        return _("channel") if self.by_channel else None

    def group_label(self) -> str | None:
        """The group narrowed to, for the page ("Wijk: Noord"); None without a group."""
        if self.group is None:
            return None
        if self.group.attribute == CHANNEL:
            return str(CHANNEL_LABELS[self.group.value])
        dimension = next(d for d in self.dimensions if d.id == self.group.attribute)
        value = next(v for v in dimension.values if v.id == self.group.value)
        return f"{dimension.name}: {value.label}"


def _chosen_group(args, channels: dict[str, int], dimensions) -> Group | None:
    """The group the results are narrowed to (``channel`` or ``segment``), if it is one of
    this organisation's; channels only when they may be shown apart at all."""
    if args.get("channel") in channels and split_by_channel(channels):
        return Group(CHANNEL, args["channel"])
    for dimension in dimensions:
        for value in dimension.values:
            if str(value.id) == args.get("segment"):
                return Group(dimension.id, value.id)
    return None


def _dimension(dimensions, wanted: str | None):
    return next((d for d in dimensions if str(d.id) == wanted), None)
