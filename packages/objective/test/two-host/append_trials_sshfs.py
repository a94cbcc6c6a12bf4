"""Run test/python/append_trials.py with Optuna's journal locks taught sshfs's EPERM.

Usage: /usr/bin/python3 append_trials_sshfs.py JOURNAL_PATH STUDY_NAME N_TRIALS TAG [open]

Through sshfs (SFTP v3 has no "file exists" status) the loser of an exclusive create gets
EPERM instead of EEXIST. Optuna's JournalFileSymlinkLock and JournalFileOpenLock retry only
on EEXIST and raise anything else, so a Python writer that loses a lock race on the rig
crashes with PermissionError. A real NFS or Lustre server answers EEXIST; this shim makes
the rig answer the same for Python (EPERM while the lock name exists becomes EEXIST),
and changes nothing else in Optuna.
"""
import errno
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "python"))

_symlink = os.symlink
_open = os.open


def _as_eexist(error, path):
    if error.errno == errno.EPERM and os.path.lexists(path):
        return FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), path)
    return error


def symlink(src, dst, *args, **kwargs):
    try:
        return _symlink(src, dst, *args, **kwargs)
    except OSError as error:
        raise _as_eexist(error, dst) from None


def open_(path, flags, *args, **kwargs):
    try:
        return _open(path, flags, *args, **kwargs)
    except OSError as error:
        if flags & os.O_EXCL:
            raise _as_eexist(error, path) from None
        raise


os.symlink = symlink
os.open = open_

from append_trials import main  # noqa: E402

if __name__ == "__main__":
    main(*sys.argv[1:])
