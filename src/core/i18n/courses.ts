// Messages for the courses feature (nb defines the keys; en and sv must have every key).
export const nb = {
} as const;

export type CoursesKey = keyof typeof nb;

export const en: Record<CoursesKey, string> = {
};

export const sv: Record<CoursesKey, string> = {
};
