DROP TABLE comment_numbers;
