"""Cross-cutting pieces: model mixins, the access policy, tokens, mail outbox, errors, i18n."""
