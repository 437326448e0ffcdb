export const knowledgeDir: string;
export const readmeFile: string;
export const START: string;
export const END: string;
export function renderReviewTrail(dir?: string): string;
export function readmeWithTrail(readme: string, trail: string): string;
