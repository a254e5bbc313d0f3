"""Filing an initiative's terms, so that searches find it: at hand-in, at a new title,
and at the start for initiatives handed in before the index existed; and taking them
out again when it is withdrawn, long finished, or erased.

Each term is filed with its BM25 weight in the initiative: how often the initiative
says it, with less for each further time and for a long text.
"""

from datetime import datetime

from sqlalchemy.orm import Session

from bot.alike.terms import Terms, terms_of
from bot.config.monthly import months_on
from bot.config.settings import Config
from bot.vocabulary import Status
from storage import similar
from storage.models import Initiative

# BM25's usual constants, and the length (in terms) of a typical initiative's title
# and description: a longer one weighs each of its terms a little less.
K1, B = 1.2, 0.75
TYPICAL_LENGTH = 30
FINISHED = (Status.DONE, Status.NOT_FEASIBLE)


def weights(terms: Terms) -> dict[str, float]:
    length = terms.length
    return {
        term: count * (K1 + 1) / (count + K1 * (1 - B + B * length / TYPICAL_LENGTH))
        for term, count in terms.counts.items()
    }


def words_of(initiative: Initiative) -> Terms:
    return terms_of(initiative.title, initiative.description)


def file(session: Session, initiative: Initiative) -> None:
    """File (or file again) what `initiative` is about."""
    session.flush()  # a new initiative gets its id
    similar.file(session, [(initiative.id, initiative.area, weights(words_of(initiative)))])


def finished_since(config: Config, now: datetime) -> datetime:
    """The moment from which a finished initiative still counts as recent."""
    since = months_on(now.date(), -config.similar.finished_within_months)
    return datetime.combine(since, now.timetz())


def unfile(session: Session, initiative: Initiative) -> None:
    """Take out what `initiative` is about: withdrawn or erased, it is never shown
    again."""
    similar.unfile(session, (initiative.id,))


def unfile_long_finished(session: Session, config: Config, now: datetime) -> int:
    """Take out the finished initiatives no longer shown (`[similar]
    finished_within_months`), so that searches read only what they may show; how many."""
    gone = similar.finished_before(session, FINISHED, finished_since(config, now))
    similar.unfile(session, gone)
    return len(gone)


def file_the_rest(session: Session) -> int:
    """File the initiatives that never were; how many."""
    left = similar.unfiled(session)
    for initiative in left:
        file(session, initiative)
    return len(left)
