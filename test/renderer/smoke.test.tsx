import { render, screen } from '@testing-library/react';
import { expect, test } from 'vitest';

test('jsdom renders a component', () => {
  render(<p>hello</p>);
  expect(screen.getByText('hello')).toBeTruthy();
});
