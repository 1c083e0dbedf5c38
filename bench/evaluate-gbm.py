# The ceiling for `npm run evaluate`: a gradient-boosted model (scikit-learn's HistGradientBoostingClassifier,
# default settings) on the same columns and the same split as the suggested model. Reads a CSV written by
# bench/evaluate.ts (the used columns, then `__part` fit/holdout and `__y` 0/1); prints the held-out AUC.
# Numbers are numbers, anything else (and blanks) a category. Run by evaluate.ts when scikit-learn imports.
import csv
import sys

from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score


def main(path):
    with open(path, newline='', encoding='utf-8') as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    part, y = header.index('__part'), header.index('__y')
    features = [i for i in range(len(header)) if i not in (part, y)]
    columns, categorical = [], []
    for i in features:
        cells = [row[i] for row in body]
        try:
            numbers = [float(c) if c.strip() != '' else float('nan') for c in cells]
            columns.append(numbers)
            categorical.append(False)
        except ValueError:
            codes = {}
            columns.append([float(codes.setdefault(c.strip().lower(), len(codes) % 250)) for c in cells])
            categorical.append(True)
    matrix = [[column[r] for column in columns] for r in range(len(body))]
    fit = [r for r in range(len(body)) if body[r][part] == 'fit']
    held = [r for r in range(len(body)) if body[r][part] == 'holdout']
    model = HistGradientBoostingClassifier(categorical_features=categorical, random_state=0)
    model.fit([matrix[r] for r in fit], [int(body[r][y]) for r in fit])
    scores = model.predict_proba([matrix[r] for r in held])[:, 1]
    print(roc_auc_score([int(body[r][y]) for r in held], scores))


main(sys.argv[1])
