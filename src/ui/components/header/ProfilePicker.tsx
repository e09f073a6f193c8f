import { memo, useId } from 'react';
import type { RaftProfileName } from '../../../raft/config';
import { useAppState, useRun } from '../../app/context';
import { setProfile } from '../../commands/cluster';
import { describeFeatures, PROFILE_TITLES, profileOf } from '../../model/profiles';

const NAMES = Object.keys(PROFILE_TITLES) as RaftProfileName[];

/** The preset the nodes run ("The lab's Raft" / "Production Raft"), and what it turns on. */
export const ProfilePicker = memo(function ProfilePicker() {
  const features = useAppState((s) => s.config?.features);
  const run = useRun(setProfile);
  const descriptionId = useId();
  const current = profileOf(features);
  const description = `On: ${describeFeatures(features)}`;
  return (
    <label className="profile-picker" title={description}>
      <span className="seg-caption">Raft</span>
      <select aria-label="Raft profile" aria-describedby={descriptionId} value={current ?? ''}
        onChange={(event) => run(event.target.value as RaftProfileName)}>
        {current === null && <option value="" disabled>a mix (set from the console)</option>}
        {NAMES.map((name) => <option key={name} value={name}>{PROFILE_TITLES[name]}</option>)}
      </select>
      <span id={descriptionId} className="visually-hidden">{description}</span>
    </label>
  );
});
