"""Enqueueing a task now or later, whatever the configured backend can do."""
import logging
from datetime import datetime

logger = logging.getLogger(__name__)


def enqueue_at(task, when: datetime, *args, **kwargs) -> bool:
    """Enqueue ``task`` to run at ``when``. False if the backend cannot defer (tests' ImmediateBackend)."""
    if not task.get_backend().supports_defer:
        logger.info("Backend cannot defer %s; not scheduled for %s", task.name, when.isoformat())
        return False
    task.using(run_after=when).enqueue(*args, **kwargs)
    return True
