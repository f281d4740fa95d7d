# Messages of the staff pages and their actions (drafting).
