import { useEffect, useState } from 'preact/hooks';
import type { TrainingModeModel } from '../lib/app/app';
import type { Directory } from '../lib/app/session';
import { useI18n } from './i18n';
import { ConfirmButton } from './ui';

/** Training mode, unmistakably: made-up data, a switch to act as any demo person, and starting over. */
export function TrainingBar({ training, directory }: { training: TrainingModeModel; directory: Directory | null }) {
  const { t } = useI18n();
  const current = training.actingAs.value;
  const [choice, setChoice] = useState(current);
  useEffect(() => setChoice(current), [current]);
  const orgs = directory?.organisations ?? [];
  const roleOf = new Map(directory?.professionals.map((p) => [p.id, p.role]) ?? []);
  const option = (p: { id: string; name: string }) => {
    const role = roleOf.get(p.id);
    return <option key={p.id} value={p.id}>{role ? `${p.name} – ${t(`role.${role}`)}` : p.name}</option>;
  };
  return (
    <section class="training" aria-labelledby="training-title">
      <div class="training-head">
        <p id="training-title" class="training-title">
          <strong>{t('training.title')}</strong> <span>{t('training.explain')}</span>
        </p>
        <ConfirmButton
          label={t('training.reset')}
          question={t('training.resetQuestion')}
          confirm={t('training.resetConfirm')}
          onConfirm={() => training.reset()}
        />
      </div>
      <form
        class="training-switch"
        onSubmit={(e) => {
          e.preventDefault();
          if (choice !== current) void training.actAs(choice);
        }}
      >
        <label for="training-person">{t('training.actAs')}</label>
        <select id="training-person" value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
          {orgs.length
            ? orgs.map((o) => (
                <optgroup key={o.id} label={o.name}>
                  {training.people.filter((p) => p.orgId === o.id).map(option)}
                </optgroup>
              ))
            : training.people.map(option)}
        </select>
        <button type="submit">{t('training.switch')}</button>
      </form>
    </section>
  );
}
