"""The service's outgoing email: a transactional outbox on Django's task framework.

A message is written (with the task that delivers it) in the same transaction as the
action that causes it, so it exists if and only if the action committed. Workers
deliver it; failures are retried with backoff for a bounded time, and a message that
finally fails is listed for admins at /manage/emails/ with its error and "try again".
"""
