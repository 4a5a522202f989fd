// Messages for the forum feature (nb defines the keys; en and sv must have every key).
export const nb = {
} as const;

export type ForumKey = keyof typeof nb;

export const en: Record<ForumKey, string> = {
};

export const sv: Record<ForumKey, string> = {
};
