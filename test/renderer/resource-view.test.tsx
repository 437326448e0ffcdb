import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { expect, test } from 'vitest';
import { ResourceView } from '../../renderer/features/timeline/ResourceView';
import { createI18n } from '../../renderer/i18n';

test('the source record shows quantities with units as people write them, not UCUM codes', async () => {
  const i18n = await createI18n('en');
  const observation = {
    resourceType: 'Observation',
    id: 'bp-1',
    component: [
      { code: { text: 'Systolic' }, valueQuantity: { value: 128, unit: 'mm[Hg]', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } },
      { code: { text: 'Temperature' }, valueQuantity: { value: 37.2, unit: 'Cel', system: 'http://unitsofmeasure.org', code: 'Cel' } },
      { code: { text: 'Count' }, valueQuantity: { value: 7.1, unit: '10*3/uL', system: 'http://unitsofmeasure.org', code: '10*3/uL' } },
    ],
  };
  const { container } = render(
    <I18nextProvider i18n={i18n}>
      <ResourceView resource={observation} />
    </I18nextProvider>,
  );
  expect(screen.getByText('128 mmHg')).toBeTruthy();
  expect(screen.getByText('37.2 °C')).toBeTruthy();
  expect(screen.getByText('7.1 ×10³/µL')).toBeTruthy();
  expect(container.textContent).not.toMatch(/128 mm\[Hg\]|37\.2 Cel/);
});
