DROP TABLE address_counts;
