DROP INDEX procedures_words;
