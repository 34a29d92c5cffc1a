/** Game client entry. */
