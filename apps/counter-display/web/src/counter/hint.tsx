/** Why a control is disabled, in words beside it (and its aria-describedby target). */
export function Hint({ id, text }: { id: string; text: string | null }) {
  return text ? (
    <p class="hint" id={id}>
      {text}
    </p>
  ) : null;
}
