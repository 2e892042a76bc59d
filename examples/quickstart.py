# %% [markdown]
# # newsnlp quickstart
#
# A scanned newspaper page → clean articles → themes → summaries → evaluation, on
# `examples/sample_page.txt`: a page we wrote for this purpose (four short articles, OCR-style
# line breaks and debris included).  The same cells are `examples/quickstart.ipynb`;
# run this file with `python examples/quickstart.py` if you have no Jupyter.

# %%
from pathlib import Path

import newsnlp
from newsnlp import display

here = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()
page = newsnlp.read_text(here / "sample_page.txt")
print(page[:120])

# %% [markdown]
# ## 1. Page → articles
# `split_articles` finds headlines, subheads and source lines, and rejoins the column lines.

# %%
articles = newsnlp.split_articles(page)
for a in articles:
    print(a)
display.view(articles)

# %% [markdown]
# ## 2. Themes
# Calibrated scores per theme; `labels` are the themes whose score passed their threshold;
# `evidence` are the words that pushed each theme up.  In a notebook a result draws itself:
# score bars, and the evidence marked in the text.

# %%
themes = newsnlp.classify_batch([a.full_text for a in articles])  # headline + body
for a, c in zip(articles, themes):
    print(a.title, "->", c.label, c.labels)
themes[3]

# %% [markdown]
# ## 3. Summaries
# Extractive: whole sentences of the article, in order, with offsets into `summary.document`.
# The HTML view highlights them in the article.

# %%
summaries = newsnlp.summarize_batch([a.text for a in articles], k=2)
for s in summaries:
    print(s)
summaries[3]

# %% [markdown]
# ## 4. Tables and plots
# `display.to_frame` turns results into a pandas DataFrame; `display.plot_themes` plots a batch
# by source (or over time, with dates and `freq=`).

# %%
frame = display.to_frame(themes).assign(title=[a.title for a in articles], source=[a.source for a in articles])
print(frame[["title", "source", "label"]].to_string())

# %%
ax = display.plot_themes(themes, by=[a.source for a in articles])

# %% [markdown]
# ## 5. Evaluation
# We wrote this page, so we know each article's theme.  `newsnlp.metrics` wraps scikit-learn's
# metrics and rouge-score (with newsnlp's tokenizer); the headline serves as a rough reference
# summary.

# %%
from newsnlp import metrics

gold = ["community_governance", "party_building", "labour_social_work", "elderly_care"]
report = metrics.classification_report(gold, [c.label for c in themes])
print("accuracy:", report["accuracy"], " macro F1:", round(report["macro_f1"], 3))
for a, s in zip(articles, summaries):
    r = metrics.rouge(s.text, a.title)["rouge1"]
    print(f"{a.title[:16]:<16}  ROUGE-1 recall of the headline: {r.recall:.2f}")

# %% [markdown]
# ## 6. Traditional Chinese
# Traditional input is converted with OpenCC for the models, and results point into the text as
# given: the same themes, the same summary sentences, in the original characters.

# %%
import opencc

traditional = opencc.OpenCC("s2t").convert(articles[3].text)
print(newsnlp.classify(traditional).labels, newsnlp.summarize(traditional, k=2).text)
