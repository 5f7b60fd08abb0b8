/** The answer form's field names and limits, shared by the page and the service that reads it. */
export const fieldOf = (questionId: string) => `q_${questionId}`;

export const maxTextLength = 4000;
