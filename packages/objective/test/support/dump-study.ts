import { distributionToJson } from '../../src/distributions/index.js';
import type { BaseStorage } from '../../src/storages/base-storage.js';
import { formatJournalDatetime } from '../../src/storages/journal/datetime.js';

const ms = (date: Date | undefined) => (date === undefined ? null : formatJournalDatetime(date).slice(0, -3));

/** The same structure as test/python/dump_journal.py prints, from our side. */
export function dumpStorage(storage: BaseStorage): unknown {
  return {
    studies: storage.getAllStudies().map((study) => ({
      study_name: study.studyName,
      directions: study.directions,
      user_attrs: study.userAttrs,
      system_attrs: study.systemAttrs,
      trials: storage.getAllTrials(study.studyId).map((t) => ({
        number: t.number,
        trial_id: t.trialId,
        state: t.state,
        values: t.values ?? null,
        params: t.params,
        distributions: Object.fromEntries(Object.entries(t.distributions).map(([k, d]) => [k, distributionToJson(d)])),
        intermediate_values: [...t.intermediateValues].sort((a, b) => a[0] - b[0]),
        user_attrs: t.userAttrs,
        system_attrs: t.systemAttrs,
        datetime_start: ms(t.datetimeStart),
        datetime_complete: ms(t.datetimeComplete),
      })),
    })),
  };
}
