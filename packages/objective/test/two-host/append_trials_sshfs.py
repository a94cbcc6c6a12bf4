"""Run test/python/append_trials.py with Optuna's journal locks taught sshfs's EPERM.

Usage: /usr/bin/python3 append_trials_sshfs.py JOURNAL_PATH STUDY_NAME N_TRIALS TAG [open]

Through sshfs (SFTP v3 has no "file exists" status) the loser of an exclusive create gets
EPERM instead of EEXIST. Optuna's JournalFileSymlinkLock and JournalFileOpenLock retry only
on EEXIST and raise anything else, so a Python writer that loses a lock race on the rig
crashes with PermissionError. A real NFS or Lustre server answers EEXIST; this shim makes
the rig answer the same for Python (EPERM while the lock name exists becomes EEXIST),
and changes nothing else in Optuna. When the name is already gone by the time it is
checked (the holder released the lock in between), the create is simply tried again, as
our own journal lock does; only EPERM repeated with no lock in sight is a real error.
"""
import errno
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "python"))

_symlink = os.symlink
_open = os.open

# Consecutive EPERMs with the name absent before EPERM is taken as a real permission error.
MAX_UNEXPLAINED_EPERM = 50


def _exclusive_create(create, path):
    for _ in range(MAX_UNEXPLAINED_EPERM):
        try:
            return create()
        except OSError as error:
            if error.errno != errno.EPERM:
                raise
            if os.path.lexists(path):
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), path) from None
            # The lock was released between the failed create and the check: try again.
    return create()


def symlink(src, dst, *args, **kwargs):
    return _exclusive_create(lambda: _symlink(src, dst, *args, **kwargs), dst)


def open_(path, flags, *args, **kwargs):
    if not flags & os.O_EXCL:
        return _open(path, flags, *args, **kwargs)
    return _exclusive_create(lambda: _open(path, flags, *args, **kwargs), path)


os.symlink = symlink
os.open = open_

from append_trials import main  # noqa: E402

if __name__ == "__main__":
    main(*sys.argv[1:])
