"""Custom NLU components (Rasa side): a Norwegian stemming tokenizer, a logistic regression whose
C and class weights can be set, and the guard that runs after intent classification (safety
replies, other languages, which service an out-of-scope question is about)."""
